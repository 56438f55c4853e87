class FailNested < Formula
  def install
    resources.each do |r|
      r.stage do
        system "make && make install"
#~^ homebrew/separate-make-calls
      end
    end
  end
end
