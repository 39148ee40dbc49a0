#!/usr/bin/env python3
"""Writes the JSON schemas the manifest test validates infra/kubernetes against, from their sources.

    python3 infra/kubernetes/schemas/vendor.py K8S_SCHEMAS CRD_CATALOG

K8S_SCHEMAS: a checkout of github.com/yannh/kubernetes-json-schema (or a mirror of it), whose
v1.32.2-standalone-strict/_definitions.json is Kubernetes' own OpenAPI definitions converted to JSON
schema with additionalProperties false (openapi2jsonschema --strict). CRD_CATALOG: a checkout of
github.com/datreeio/CRDs-catalog, the operators' CRD schemas as JSON schema.

Only what the manifests use is kept: the kinds below and every definition they reach. Descriptions are
dropped (they do not validate anything and are most of the bytes), and so are the x-kubernetes-*
annotations (not JSON Schema keywords). Everything is written as JSON Schema
2020-12 ($defs). The CRD schemas are made strict the way the Kubernetes ones are: an object that lists
its properties and does not preserve unknown fields gets additionalProperties false, so a misspelt
field fails here as it would be rejected by kubectl's strict field validation.
"""
import json
import os
import sys

KUBERNETES_VERSION = "v1.32.2"
KINDS = {
    "v1/ConfigMap": "io.k8s.api.core.v1.ConfigMap",
    "v1/Secret": "io.k8s.api.core.v1.Secret",
    "v1/Service": "io.k8s.api.core.v1.Service",
    "v1/ServiceAccount": "io.k8s.api.core.v1.ServiceAccount",
    "apps/v1/Deployment": "io.k8s.api.apps.v1.Deployment",
    "batch/v1/Job": "io.k8s.api.batch.v1.Job",
    "policy/v1/PodDisruptionBudget": "io.k8s.api.policy.v1.PodDisruptionBudget",
    "networking.k8s.io/v1/Ingress": "io.k8s.api.networking.v1.Ingress",
    "networking.k8s.io/v1/NetworkPolicy": "io.k8s.api.networking.v1.NetworkPolicy",
}
CRDS = {
    "rabbitmq.com/v1beta1/RabbitmqCluster": "rabbitmq.com/rabbitmqcluster_v1beta1.json",
    "postgresql.cnpg.io/v1/Cluster": "postgresql.cnpg.io/cluster_v1.json",
}
SCHEMA = "https://json-schema.org/draft/2020-12/schema"


def strip(node, strict):
    if isinstance(node, list):
        return [strip(n, strict) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "description":
            continue
        if key == "$ref":
            value = value.replace("#/definitions/", "#/$defs/")
        # "properties" and "additionalProperties" maps hold names, not schema keywords.
        if key in ("properties", "patternProperties", "definitions", "$defs"):
            out[key] = {k: strip(v, strict) for k, v in value.items()}
        else:
            out[key] = strip(value, strict)
    if strict and "properties" in out and "additionalProperties" not in out \
            and not out.get("x-kubernetes-preserve-unknown-fields"):
        out["additionalProperties"] = False
    # Kubernetes' x-kubernetes-* extensions are annotations for the API server, not JSON Schema keywords.
    return {k: v for k, v in out.items() if not k.startswith("x-kubernetes-")}


def reachable(definitions, roots):
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        stack = [definitions[name]]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                ref = node.get("$ref")
                if isinstance(ref, str) and ref.startswith("#/definitions/"):
                    todo.append(ref[len("#/definitions/"):])
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
    return seen


def main(k8s_dir, crd_dir):
    here = os.path.dirname(os.path.abspath(__file__))
    source = os.path.join(k8s_dir, f"{KUBERNETES_VERSION}-standalone-strict", "_definitions.json")
    definitions = json.load(open(source, encoding="utf-8"))["definitions"]
    keep = reachable(definitions, KINDS.values())
    kubernetes = {
        "$schema": SCHEMA,
        "x-source": f"yannh/kubernetes-json-schema {KUBERNETES_VERSION}-standalone-strict/_definitions.json (Kubernetes {KUBERNETES_VERSION} OpenAPI, Apache-2.0)",
        "x-kinds": KINDS,
        "$defs": {name: strip(definitions[name], strict=False) for name in sorted(keep)},
    }
    write(os.path.join(here, f"kubernetes-{KUBERNETES_VERSION}.schema.json"), kubernetes)
    for kind, path in CRDS.items():
        crd = strip(json.load(open(os.path.join(crd_dir, path), encoding="utf-8")), strict=True)
        crd["$schema"] = SCHEMA
        crd["x-source"] = f"datreeio/CRDs-catalog {path}"
        crd["x-kind"] = kind
        write(os.path.join(here, path.replace("/", "_")), crd)


def write(path, document):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
