#!/bin/sh
# Installed as /usr/bin/visitapp by the VisitApp package. The program lives in /opt/visitapp; each worker's
# vault lives in their own home folder (~/.local/share/VisitApp), never here.
exec /opt/visitapp/visitapp "$@"
