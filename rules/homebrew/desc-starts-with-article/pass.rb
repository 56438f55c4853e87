class Pass < Formula
  desc "Theme engine and anagram finder"
end
