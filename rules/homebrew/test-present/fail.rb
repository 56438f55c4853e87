class Fail < Formula
#~^ homebrew/test-present
  def install
    system "make", "install", "PREFIX=#{prefix}"
  end
end
