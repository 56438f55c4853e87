class Fail < Formula
  license any_of: ["MIT", "BSD", "GPL-2.0-or-later" => { with: "Made-Up-exception" }]
#~^ homebrew/license-spdx
#~^ homebrew/license-spdx
end
