class Pass < Formula
  disable! date: "2024-01-31", because: :unmaintained

  def install
    system "make", "install", "PREFIX=#{prefix}"
  end
end
