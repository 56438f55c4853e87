class Fail < Formula
  desc "The tool for demos"
#~^ homebrew/desc-starts-with-article
end
