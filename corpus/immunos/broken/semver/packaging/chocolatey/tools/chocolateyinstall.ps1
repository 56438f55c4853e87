$ErrorActionPreference = 'Stop'

# Install the Python package of the same version as this Chocolatey package.
$version = $env:ChocolateyPackageVersion
python -m pip install --disable-pip-version-check --no-input "immunos==$version"
if ($LASTEXITCODE -ne 0) {
  throw "pip install immunos==$version failed with exit code $LASTEXITCODE"
}
