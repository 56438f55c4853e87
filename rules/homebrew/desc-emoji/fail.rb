class Fail < Formula
  desc "Identify anything: emails, IP addresses, and more 🧙"
#~^ homebrew/desc-emoji
end
