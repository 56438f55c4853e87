class Fail < Formula
  homepage "https://demo.readthedocs.org/en/latest/"
#~^ homebrew/homepage-canonical
end
