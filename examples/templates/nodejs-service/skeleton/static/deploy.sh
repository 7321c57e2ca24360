#!/bin/sh
# Copied as it is (copyWithoutTemplating): shell and CI syntax such as ${{ github.sha }} stays untouched.
set -eu
echo "deploying ${{ github.sha }}"
