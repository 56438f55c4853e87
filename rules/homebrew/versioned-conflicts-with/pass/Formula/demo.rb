class Demo < Formula
  desc "Tool for demos"
  conflicts_with "other", because: "both install a `demo` binary"
end
