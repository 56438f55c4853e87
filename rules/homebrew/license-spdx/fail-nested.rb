class FailNested < Formula
  license all_of: [
#~^ homebrew/license-spdx
    "BSD-3-Clause",
    any_of: ["LGPL-3.0-or-later", "GPL"],
  ]
end
