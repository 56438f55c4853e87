class Pass < Formula
  desc "Identify anything: emails, IP addresses, and more (CJK 文字 – and accents: é)"
end
