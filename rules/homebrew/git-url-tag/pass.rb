class Pass < Formula
  url "https://github.com/example/demo.git",
      tag:      "v1.0",
      revision: "0123456789abcdef0123456789abcdef01234567"
end
