#!/bin/bash
set -e
mkdir -p /var/lib/app
chown core:core /var/lib/app
