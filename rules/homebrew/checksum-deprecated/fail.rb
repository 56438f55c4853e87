class Fail < Formula
  url "https://example.org/demo-1.0.tar.gz"
  md5 "0cc175b9c0f1b6a831c399e269772661"
#~^ homebrew/checksum-deprecated
end
