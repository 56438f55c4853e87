class Fail < Formula
  homepage "http://github.com/example/demo"
#~^ homebrew/homepage-https
end
