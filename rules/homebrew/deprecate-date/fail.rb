class Fail < Formula
  deprecate! date: "2023-02-30", because: :unmaintained
#~^ homebrew/deprecate-date
  disable! date: "Jan 31 2024", because: :unmaintained
#~^ homebrew/deprecate-date
end
