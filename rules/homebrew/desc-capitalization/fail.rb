class Fail < Formula
  desc "tool for demos"
#~^ homebrew/desc-capitalization
end
