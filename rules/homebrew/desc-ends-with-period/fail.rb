class Fail < Formula
  desc "Tool for demos."
#~^ homebrew/desc-ends-with-period
end
