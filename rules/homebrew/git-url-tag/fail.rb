class Fail < Formula
  url "https://github.com/example/demo.git",
#~^ homebrew/git-url-tag
      revision: "0123456789abcdef0123456789abcdef01234567"
  version "1.0"
end
