class DemoAT1 < Formula
  desc "Tool for demos"
  conflicts_with "demo", because: "both install a `demo` binary"
#~^ homebrew/versioned-conflicts-with
end
