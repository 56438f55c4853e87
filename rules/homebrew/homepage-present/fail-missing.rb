class FailMissing < Formula
#~^ homebrew/homepage-present
  desc "Tool for demos"
end
