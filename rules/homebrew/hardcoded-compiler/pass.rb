class Pass < Formula
  def install
    ENV["CC"] = ENV.cc
    system "make", "CC=#{ENV.cc}"
  end
  test do
    system ENV.cxx, "test.cpp", "-o", "test"
    system "./test"
  end
end
