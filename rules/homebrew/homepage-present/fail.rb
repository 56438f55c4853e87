class Fail < Formula
  desc "Tool for demos"
  homepage "www.example.org/demo"
#~^ homebrew/homepage-present
end
