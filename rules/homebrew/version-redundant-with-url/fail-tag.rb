class FailTag < Formula
  url "https://github.com/example/demo.git",
      tag:      "v3.0.0",
      revision: "0123456789abcdef0123456789abcdef01234567"
  version "3.0.0"
#~^ homebrew/version-redundant-with-url
end
