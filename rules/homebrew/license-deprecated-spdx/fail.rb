class Fail < Formula
  license any_of: ["GPL-2.0+", "LGPL-2.1"]
#~^ homebrew/license-deprecated-spdx
end
