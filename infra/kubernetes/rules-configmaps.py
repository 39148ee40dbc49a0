#!/usr/bin/env python3
"""Writes base/rules.yaml: one ConfigMap per service holding its rule files, as shipped in
services/IncidentResponse.<Service>/Rules. Run it after changing a rule file (a test fails until then):

    python3 infra/kubernetes/rules-configmaps.py

A province with its own directory, routing or policies writes its ConfigMaps from its own files instead
(runbooks/operations/install.md: kubectl create configmap ir-rules-notifications --from-file=DIR/ …).
"""
import json
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SERVICES = ["triage", "notifications", "escalation"]


def scalar(text):
    # A literal block keeps the file readable; JSON's quoting (valid YAML) for anything a block cannot hold.
    lines = text.split("\n")
    if text.endswith("\n") and not text.endswith("\n\n") and "\t" not in text and "\r" not in text \
            and not text.startswith((" ", "\n")) and all(l == l.rstrip() for l in lines):
        return "|\n" + "".join(f"    {l}\n" if l else "\n" for l in lines[:-1])
    return json.dumps(text, ensure_ascii=False) + "\n"


def main():
    out = ["# Written by infra/kubernetes/rules-configmaps.py from services/*/Rules: do not edit by hand.\n",
           "# Mounted by the Hosts at /etc/incidentresponse/rules/<service> (Triage__RulesDirectory …).\n"]
    for service in SERVICES:
        folder = os.path.join(ROOT, "services", f"IncidentResponse.{service.capitalize()}", "Rules")
        out.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n")
        out.append(f"  name: ir-rules-{service}\n  labels:\n    app.kubernetes.io/name: incidentresponse\n")
        out.append("data:\n")
        for name in sorted(f for f in os.listdir(folder) if f.endswith(".yaml")):
            with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
                out.append(f"  {name}: " + scalar(f.read()))
    with open(os.path.join(os.path.dirname(__file__), "base", "rules.yaml"), "w", encoding="utf-8") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
