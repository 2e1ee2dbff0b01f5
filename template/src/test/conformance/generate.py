#!/usr/bin/env python3
"""Regenerates the template conformance expectations from the real Go implementations.

Each case is a template (and optionally a file of defines) plus a data set; its expected output
(or error message) is what the peer prints:

  amtool    -- `amtool template render` (Alertmanager 0.25, Go 1.19) with --template.data=<data set>
               and --template.glob=<defs file>; Alertmanager's functions and data types.
  amtool-html -- the same with --template.type=html: Go's html/template escaping (email bodies).
  defaults  -- the same, but with Debian's Alertmanager default.tmpl as the glob: the expected text of
               each default define, which our own default.tmpl must reproduce.
  promtool  -- `promtool test rules` (Prometheus 2.42, Go 1.19): the template is an alert annotation;
               the rendered value is read from the failure report (used for the humanize family,
               which Alertmanager 0.25 lacks).

Usage: template/src/test/conformance/generate.py   (writes ../resources/conformance/cases.jsonl)
"""
import ast
import json
import os
import re
import subprocess
import sys
import tempfile

from cases import CASES

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, "..", "resources", "conformance")
DEFAULT_TMPL = "/usr/share/prometheus/alertmanager/default.tmpl"


def run_amtool(case, tmp):
    glob = os.path.join(tmp, "defs.tmpl")
    with open(glob, "w") as f:
        f.write(case.get("defs") or "")
    if case["source"] == "defaults":
        glob = DEFAULT_TMPL
    data = os.path.join(RES, "data", case.get("data", "two") + ".json")
    html = ["--template.type=html"] if case["source"] == "amtool-html" else []
    p = subprocess.run(
        ["amtool", "template", "render"] + html + ["--template.glob=" + glob,
         "--template.data=" + data, "--template.text=" + case["text"]],
        capture_output=True, text=True)
    if p.returncode == 0:
        return p.stdout, None
    err = p.stderr.strip()
    if not err.startswith("amtool: error: "):
        sys.exit("unexpected amtool failure for %s: %s" % (case["name"], err))
    return None, err[len("amtool: error: "):]


def run_promtool(case, tmp):
    rules = {"groups": [{"name": "g", "rules": [{
        "alert": "A", "expr": "vector(1)", "annotations": {"s": case["text"]}}]}]}
    test = {"rule_files": ["rules.yml"], "evaluation_interval": "1m", "tests": [{
        "interval": "1m", "input_series": [], "alert_rule_test": [{
            "eval_time": "0m", "alertname": "A",
            "exp_alerts": [{"exp_labels": {}, "exp_annotations": {"s": "\x01never"}}]}]}]}
    with open(os.path.join(tmp, "rules.yml"), "w") as f:
        json.dump(rules, f)  # YAML is a superset of JSON
    with open(os.path.join(tmp, "test.yml"), "w") as f:
        json.dump(test, f)
    p = subprocess.run(["promtool", "test", "rules", "test.yml"], cwd=tmp,
                       capture_output=True, text=True)
    out = p.stdout + p.stderr
    m = re.search(r'got:\[\s*0:\s*Labels:\{[^}]*\}\s*Annotations:\{s=("(?:[^"\\]|\\.)*")\}', out)
    if not m:
        sys.exit("cannot read promtool output for %s:\n%s" % (case["name"], out))
    value = ast.literal_eval(m.group(1))
    prefix = "<error expanding template: "
    if value.startswith(prefix) and value.endswith(">"):
        return None, value[len(prefix):-1]
    return value, None


def main():
    names = set()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            if case["name"] in names:
                sys.exit("duplicate case name " + case["name"])
            names.add(case["name"])
            runner = run_promtool if case["source"] == "promtool" else run_amtool
            expected, error = runner(case, tmp)
            row = {"name": case["name"], "source": case["source"],
                   "data": None if case["source"] == "promtool" else case.get("data", "two"),
                   "defs": case.get("defs"), "text": case["text"],
                   "expected": expected, "error": error}
            out.append(row)
    with open(os.path.join(RES, "cases.jsonl"), "w") as f:
        for row in out:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("wrote %d cases" % len(out))


if __name__ == "__main__":
    main()
