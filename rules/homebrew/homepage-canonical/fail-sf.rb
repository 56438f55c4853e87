class FailSf < Formula
  homepage "http://demo.sourceforge.net/"
#~^ homebrew/homepage-canonical
end
