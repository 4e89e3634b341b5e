using Catalog.Web.Import;

namespace Catalog.Tests.Import;

public sealed class LinkKindsTests
{
    [Theory]
    // Papers: preprint servers, DOIs, proceedings, PDFs anywhere.
    [InlineData("https://arxiv.org/abs/1811.01122", LinkKinds.Paper)]
    [InlineData("https://ARXIV.org/pdf/1811.03962.pdf", LinkKinds.Paper)]
    [InlineData("https://www.arxiv-vanity.com/papers/1908.03190/", LinkKinds.Paper)]
    [InlineData("https://doi.org/10.1137/18M118709X", LinkKinds.Paper)]
    [InlineData("https://dx.doi.org/10.1038/nature14539", LinkKinds.Paper)]
    [InlineData("https://epubs.siam.org/doi/pdf/10.1137/18M118709X", LinkKinds.Paper)]
    [InlineData("http://papers.nips.cc/paper/7685-a-bridging-framework", LinkKinds.Paper)]
    [InlineData("https://proceedings.mlr.press/v97/a19a.html", LinkKinds.Paper)]
    [InlineData("https://proceedings.neurips.cc/paper/2020/hash/x.html", LinkKinds.Paper)]
    [InlineData("https://www.aaai.org/ocs/index.php/proceedings/x", LinkKinds.Paper)]
    [InlineData("https://openreview.net/forum?id=abc", LinkKinds.Paper)]
    [InlineData("http://phys.csail.mit.edu/papers/1.pdf", LinkKinds.Paper)]
    [InlineData("https://github.com/a/b/blob/main/paper.PDF", LinkKinds.Paper)]
    // Code.
    [InlineData("https://github.com/joanbruna/stat212b", LinkKinds.Code)]
    [InlineData("https://gitlab.com/group/project", LinkKinds.Code)]
    [InlineData("https://bitbucket.org/a/b", LinkKinds.Code)]
    [InlineData("https://pkg.go.dev/golang.org/x/net", LinkKinds.Code)]
    // Courses.
    [InlineData("https://www.coursera.org/learn/machine-learning", LinkKinds.Course)]
    [InlineData("https://ocw.mit.edu/resources/res-9-003", LinkKinds.Course)]
    [InlineData("https://cbmm.mit.edu/education/courses", LinkKinds.Course)]
    [InlineData("http://www.mit.edu/~9.520/fall17/Classes/deep_learning_theory.html", LinkKinds.Course)]
    [InlineData("http://www.mathcs.emory.edu/~lruthot/teaching.html", LinkKinds.Course)]
    // Video.
    [InlineData("https://www.youtube.com/watch?v=abc", LinkKinds.Video)]
    [InlineData("https://youtu.be/abc", LinkKinds.Video)]
    [InlineData("https://vimeo.com/12345", LinkKinds.Video)]
    [InlineData("https://www.bilibili.com/video/BV1", LinkKinds.Video)]
    // Blogs and articles.
    [InlineData("https://medium.com/@a/post", LinkKinds.Blog)]
    [InlineData("https://zhuanlan.zhihu.com/p/40097048", LinkKinds.Blog)]
    [InlineData("https://blog.csdn.net/x/article/details/1", LinkKinds.Blog)]
    [InlineData("https://distill.pub/2017/feature-visualization/", LinkKinds.Blog)]
    [InlineData("https://physicsml.github.io/blog/DL-theory.html", LinkKinds.Blog)]
    // Books.
    [InlineData("https://link.springer.com/book/10.1007/978-3-030-28954-6", LinkKinds.Book)]
    [InlineData("https://epubs.siam.org/doi/book/10.1137/1.9781611975604", LinkKinds.Book)]
    [InlineData("https://www.deeplearningbook.org/book/contents", LinkKinds.Book)]
    [InlineData("https://www.oreilly.com/library/view/x/123/", LinkKinds.Book)]
    // Events and workshops.
    [InlineData("http://dalimeeting.org/dali2018/workshopTheoryDL.html", LinkKinds.Event)]
    [InlineData("https://sgo-workshop.github.io/", LinkKinds.Event)]
    [InlineData("https://simons.berkeley.edu/events/reading-group-deep-learning", LinkKinds.Event)]
    [InlineData("https://www.siam.org/conferences/cm/conference/mds20", LinkKinds.Event)]
    [InlineData("https://www.ipam.ucla.edu/programs/long-programs/x/", LinkKinds.Event)]
    [InlineData("https://sites.google.com/site/deeplearningtheory/", LinkKinds.Event)]
    // People and their homepages.
    [InlineData("https://www.microsoft.com/en-us/research/people/tyliu/", LinkKinds.Person)]
    [InlineData("https://www.cs.toronto.edu/~hinton", LinkKinds.Person)]
    [InlineData("https://www.researchgate.net/profile/Hatef_Monajemi", LinkKinds.Person)]
    [InlineData("https://scholar.google.com/citations?user=abc", LinkKinds.Person)]
    [InlineData("https://dblp.uni-trier.de/pers/hd/l/Liu:Risheng", LinkKinds.Person)]
    [InlineData("https://beenkim.github.io/", LinkKinds.Person)]
    [InlineData("https://pbdl2019.github.io/", LinkKinds.Event)]
    [InlineData("https://dl4physicalsciences.github.io/", LinkKinds.Event)]
    [InlineData("https://deeplearning-math.github.io/", LinkKinds.Other)]
    [InlineData("https://dlta-reading.github.io/", LinkKinds.Other)]
    // Everything else.
    [InlineData("https://www.padl.ws/", LinkKinds.Other)]
    [InlineData("https://beenkim.github.io/projects.html", LinkKinds.Other)]
    [InlineData("mailto:someone@example.org", LinkKinds.Other)]
    [InlineData("not a url", LinkKinds.Other)]
    public void KindFollowsFromHostAndPath(string url, string kind) => Assert.Equal(kind, LinkKinds.Classify(url));

    [Fact]
    public void EveryKindIsListedOnce() => Assert.Equal(LinkKinds.All.Count, LinkKinds.All.Distinct().Count());
}
