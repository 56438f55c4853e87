class Fail < Formula
  desc "Simple commandline tool for demos"
#~^ homebrew/desc-command-line
end
