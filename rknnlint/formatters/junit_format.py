"""JUnit XML: one test case per model and target, failing when it has findings at or above --fail-on."""
from __future__ import annotations

import xml.etree.ElementTree as ET


def to_junit(report) -> ET.Element:
    suites = ET.Element("testsuites", name="rknnlint")
    total = fails = errors = 0
    for m in report.models:
        suite = ET.SubElement(suites, "testsuite", name=m.path)
        if report.toolkit is not None:  # the toolkit version the findings are for
            props = ET.SubElement(suite, "properties")
            ET.SubElement(props, "property", name="rknn-toolkit2", value=report.toolkit_line)
        n = nf = ne = 0
        for target in (m.targets or report.targets or ["-"]):
            n += 1
            case = ET.SubElement(suite, "testcase", classname=m.path, name=target, time=f"{m.seconds:.3f}")
            if m.error:
                ne += 1
                ET.SubElement(case, "error", message=m.error, type="unreadable").text = m.error
                continue
            mine = [f for f in m.findings if f.target == target]
            bad = [f for f in mine if f.severity >= report.fail_on]
            lines = [f"{f.severity} {f.code} {f.location}: {f.message}" + (f" Fix: {f.hint}" if f.hint else "") for f in mine]
            if bad:
                nf += 1
                ET.SubElement(case, "failure", message=f"{len(bad)} finding(s) at or above {report.fail_on}",
                              type=bad[0].code).text = "\n".join(lines)
            elif lines:
                ET.SubElement(case, "system-out").text = "\n".join(lines)
        suite.set("tests", str(n))
        suite.set("failures", str(nf))
        suite.set("errors", str(ne))
        suite.set("time", f"{m.seconds:.3f}")
        total, fails, errors = total + n, fails + nf, errors + ne
    suites.set("tests", str(total))
    suites.set("failures", str(fails))
    suites.set("errors", str(errors))
    return suites


def render(report, stream, **_) -> None:
    tree = to_junit(report)
    ET.indent(tree)
    stream.write('<?xml version="1.0" encoding="utf-8"?>\n')
    stream.write(ET.tostring(tree, encoding="unicode"))
    stream.write("\n")
