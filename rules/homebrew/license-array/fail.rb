class Fail < Formula
  license ["MIT", "Apache-2.0"]
#~^ homebrew/license-array
end
