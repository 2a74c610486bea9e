#!/usr/bin/python3
"""Validates JSON documents against a JSON Schema (python3-jsonschema): validate-json.py SCHEMA
DOC...; prints 'valid' once all are, else the first invalid one and why (exit 1)."""
import json
import sys

import jsonschema

with open(sys.argv[1]) as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
for path in sys.argv[2:]:
    with open(path) as f:
        doc = json.load(f)
    errors = list(validator.iter_errors(doc))
    if errors:
        print(f"INVALID {path}: {errors[0].message} at {list(errors[0].path)}")
        sys.exit(1)
print("valid")
