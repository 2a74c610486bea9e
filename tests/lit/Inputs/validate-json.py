#!/usr/bin/python3
"""Validates a JSON document against a JSON Schema (python3-jsonschema); prints 'valid'."""
import json
import sys

import jsonschema

with open(sys.argv[1]) as f:
    schema = json.load(f)
with open(sys.argv[2]) as f:
    doc = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.Draft202012Validator(schema).validate(doc)
print("valid")
