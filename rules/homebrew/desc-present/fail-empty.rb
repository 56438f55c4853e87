class FailEmpty < Formula
  desc ""
#~^ homebrew/desc-present
  homepage "https://example.org/demo"
end
