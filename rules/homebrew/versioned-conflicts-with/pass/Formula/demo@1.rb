class DemoAT1 < Formula
  desc "Tool for demos"
  keg_only :versioned_formula
end
