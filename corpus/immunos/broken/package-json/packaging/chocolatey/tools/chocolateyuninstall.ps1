$ErrorActionPreference = 'Stop'

python -m pip uninstall --disable-pip-version-check --yes immunos
if ($LASTEXITCODE -ne 0) {
  throw "pip uninstall immunos failed with exit code $LASTEXITCODE"
}
