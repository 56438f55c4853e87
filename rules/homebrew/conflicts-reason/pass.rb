class Pass < Formula
  conflicts_with "other", because: "pass and other both install a `demo` binary"
  conflicts_with "third", because: "both install `lib/libdemo.dylib`"
end
