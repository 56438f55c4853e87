class Jq < Formula
  desc "Lightweight and flexible command-line JSON processor"
end
