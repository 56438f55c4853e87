class Fail < Formula
  desc "Tool for demos "
#~^ homebrew/desc-whitespace
end
