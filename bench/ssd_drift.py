"""The measurement behind docs/fixing.md "When the composed detections drift" (issue 14): a torchvision
SSDlite320-MobileNetV3 with random He-initialised weights, fixed with a head cut, built for rk3588 fp16 with
rknn-toolkit2 and run on its simulator; the boundary tensors compared by cosine, the composed detections
as sets (rknnlint.toolkit.detections). Needs torch + torchvision for the export (a separate venv):

    /path/to/torch-venv/bin/python bench/ssd_drift.py --export /tmp/ssd/ssdlite.onnx
    .venv/bin/python -m rknnlint fix /tmp/ssd/ssdlite.onnx --unsafe-fixes -o /tmp/ssd/ssd.fixed.onnx
    .venv/bin/python bench/ssd_drift.py --compare /tmp/ssd/ssdlite.onnx /tmp/ssd/ssd.fixed.onnx [--normal]
"""
from __future__ import annotations

import argparse
from pathlib import Path


def export(path: str) -> None:
    import torch
    import torchvision

    torch.manual_seed(0)
    m = torchvision.models.detection.ssdlite320_mobilenet_v3_large(weights=None, weights_backbone=None).eval()
    with torch.no_grad():  # torchvision's own init leaves the head's outputs ~1e-27: no detections to compare
        for mod in m.modules():
            if isinstance(mod, torch.nn.Conv2d):
                torch.nn.init.normal_(mod.weight, std=(2.0 / mod.weight[0].numel()) ** 0.5)
            elif isinstance(mod, torch.nn.BatchNorm2d):
                mod.running_mean.zero_()
                mod.running_var.fill_(1.0)
                mod.weight.fill_(1.0)
                mod.bias.zero_()
    torch.onnx.export(m, (torch.rand(1, 3, 320, 320),), path, opset_version=13, input_names=["images"],
                      output_names=["boxes", "scores", "labels"], dynamo=False)


def compare(original: str, fixed: str, normal: bool, seeds: int) -> None:
    import numpy as np
    import onnx
    import onnxruntime as ort

    from rknnlint.toolkit.detections import match_detections
    from rknnlint.toolkit.simulate import cosine, simulate, with_tail

    tail = Path(fixed).with_name(Path(original).name[:-5] + ".postprocess.onnx")
    bnames = [o.name for o in onnx.load(fixed, load_external_data=False).graph.output]
    o = onnx.load(original)
    o.graph.output.extend(onnx.helper.make_empty_tensor_value_info(b) for b in bnames)
    so = ort.SessionOptions()
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    s = ort.InferenceSession(o.SerializeToString(), so, providers=["CPUExecutionProvider"])
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        x = (rng.standard_normal if normal else rng.random)((1, 3, 320, 320)).astype(np.float32)
        rc, sim, _ = simulate(fixed, {"images": x}, cwd=Path(fixed).parent)
        assert rc == 0, rc
        ref = dict(zip([t.name for t in s.get_outputs()], s.run(None, {"images": x})))
        got = {b: v.reshape(ref[b].shape) for b, v in zip(bnames, sim)}
        boundary = min(cosine(got[b], ref[b]) for b in bnames)
        exact = with_tail(tail, {b: ref[b] for b in bnames}, {"images": x})
        comp = with_tail(tail, got, {"images": x})
        print(f"seed {seed}: tail on the original's boundary tensors bit-exact: "
              f"{all(np.array_equal(exact[k], ref[k]) for k in ('boxes', 'scores', 'labels'))}; "
              f"boundary min cosine {boundary:.5f}; composed boxes cosine {cosine(comp['boxes'], ref['boxes']):.3f}; "
              f"{match_detections(ref, comp).summary()}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--export", metavar="OUT")
    ap.add_argument("--compare", nargs=2, metavar=("ORIGINAL", "FIXED"))
    ap.add_argument("--normal", action="store_true", help="standard-normal inputs (default: uniform [0, 1))")
    ap.add_argument("--seeds", type=int, default=3)
    a = ap.parse_args()
    if a.export:
        export(a.export)
    if a.compare:
        compare(*a.compare, a.normal, a.seeds)


if __name__ == "__main__":
    main()
