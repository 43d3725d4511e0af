"""What each command does, below the command line: config -> context -> engine -> baseline -> report.
The CLI (rknnlint.cli) parses arguments into a request, calls one use case and renders its result."""
