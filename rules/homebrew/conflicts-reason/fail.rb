class Fail < Formula
  conflicts_with "other", because: "Both install a `demo` binary."
#~^ homebrew/conflicts-reason
#~^ homebrew/conflicts-reason
end
