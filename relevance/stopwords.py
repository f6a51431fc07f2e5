"""English stop words, written for this project.

NLTK's list needs a data download, which is not allowed at run time, and scikit-learn's list
drops words that matter in professional groups ("computer", "system", "bill", "interest").
This list holds function words only: articles, pronouns, auxiliaries, prepositions,
conjunctions and the commonest adverbs. Words of group talk such as "group" or "members" are left
to the IDF weights, which make them cheap where they are common.
"""

from __future__ import annotations

ENGLISH_STOP_WORDS: frozenset[str] = frozenset(
    """
    a about above after again against all almost along already also although always am among an
    and another any anybody anyone anything anyway anywhere are aren around as at be became because
    become becomes been before being below beside besides between beyond both but by can cannot
    could couldn did didn do does doesn doing don done down during each either else elsewhere
    enough etc even ever every everyone everything everywhere except few for from further had
    hadn has hasn have haven having he her here hers herself him himself his how however i ie if
    in into is isn it its itself just least less let like ll many may me meanwhile might mine more
    moreover most mostly much must my myself neither never nevertheless no nobody none noone nor
    not nothing now nowhere of off often on once one only onto or other others otherwise our ours
    ourselves out over own per perhaps please quite rather re really same shall she should
    shouldn since so some somehow someone something sometime sometimes somewhere still such than
    that the their theirs them themselves then there thereby therefore these they this those though
    through throughout thus to together too toward towards under until up upon us ve very via was
    wasn we well were weren what whatever when whenever where whereas wherever whether which while
    who whoever whole whom whose why will with within without won would wouldn yet you your yours
    yourself yourselves s t d m o y
    """.split()
)
