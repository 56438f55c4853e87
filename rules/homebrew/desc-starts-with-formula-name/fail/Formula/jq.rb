class Jq < Formula
  desc "jq is a JSON processor"
#~^ homebrew/desc-starts-with-formula-name
end
