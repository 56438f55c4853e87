class Fail < Formula
  url "https://github.com/example/demo.git",
#~^ homebrew/git-url-revision
      tag: "v1.0"
end
