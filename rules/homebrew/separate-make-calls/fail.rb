class Fail < Formula
  def install
    system "./configure", "--prefix=#{prefix}"
    system "make && make install"
#~^ homebrew/separate-make-calls
  end
end
