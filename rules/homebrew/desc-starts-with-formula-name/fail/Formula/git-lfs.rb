class GitLfs < Formula
  desc "Git LFS: Git extension for versioning large files"
#~^ homebrew/desc-starts-with-formula-name
end
