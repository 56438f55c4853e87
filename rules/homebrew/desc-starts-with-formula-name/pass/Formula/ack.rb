class Ack < Formula
  # the name as a word prefix, not a whole word
  desc "Acknowledged search tool for programmers"
end
