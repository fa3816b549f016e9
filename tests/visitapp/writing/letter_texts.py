"""Letters and passages written for these tests. All people in them are made up."""

# Prose passages used to compare the readability scores with textstat (one paragraph each, ordinary
# sentences, so both tools cut them into the same sentences and words).
READABILITY_SAMPLES: dict[str, str] = {
    "young_child": (
        "I came to see you today. We sat on the rug in your room. You showed me your red car and your "
        "teddy bear. You said the bear is called Mo. We drew a big sun and a tree. You told me you like "
        "your new bed. Your cat sat on my bag and we both laughed. I will come back in two weeks."
    ),
    "ten_year_old": (
        "Thank you for showing me around your new school this afternoon. You were proud of the garden your "
        "class planted, and I could see why, because the beans were taller than both of us. You told me "
        "that break time is the hardest part of the day, because the other children already have their "
        "friends. We talked about what might help, and you thought joining the football club on Thursdays "
        "would be a good start. I will ask your teacher about it, and I will tell you what she says when "
        "I visit next month."
    ),
    "teenager": (
        "When we met at the cafe on Saturday, you explained that you want more say over when you see your "
        "dad. You feel that the current arrangement was decided without anyone really listening to you. I "
        "understand why that is frustrating, and I think your view is reasonable. We agreed that I will "
        "raise it at your next review meeting, and that you will come along if you feel ready. You also "
        "mentioned that college has been stressful, particularly the assignments in psychology, but your "
        "tutor has offered extra sessions on Wednesday afternoons."
    ),
    "worries": (
        "I need to be honest with you about something that worries me. Last week the police came to your "
        "house because your mum and her boyfriend were shouting and throwing things. You hid under the "
        "table with your little sister until it stopped. That must have been very frightening. It is not "
        "your fault, and you did the right thing by keeping your sister close. Your mum and I have made a "
        "plan so that this does not happen again, and I will check with you that it is working."
    ),
    "professional": (
        "Following the strategy discussion, a decision was made to convene an initial conference, as the "
        "threshold for significant harm appeared to be met. Professionals expressed considerable concern "
        "regarding parental engagement and the consistency of supervision arrangements. The assessment "
        "identified several protective factors, including the involvement of extended family members and "
        "regular attendance at the nursery setting. Recommendations were circulated to all agencies, "
        "together with a summary of outstanding actions and responsibilities."
    ),
    "mixed": (
        "Your grandmother looks after you most weekends, and you told me you love making pancakes with "
        "her. Sometimes you feel worried about your brother, who has been unwell and staying in hospital. "
        "The doctors are looking after him carefully, and your family visits him every evening. You asked "
        "whether he will be home for your birthday. Nobody knows yet, but everybody is hoping he will be. "
        "Remember that you can always ring me if something is bothering you."
    ),
}

GOOD_LETTER = """Dear Amira,

I came to see you at home on Tuesday 4 March. Your mum, Leila, was there. So was your little brother Sami.

We sat in your bedroom and you showed me your new drawings. You drew a big yellow house with a garden. \
You said, "This is my house and that is my cat Biscuit." I liked the way you used lots of colours.

You told me school is going well. Your teacher, Mr Price, says you read every day. I think you are \
working hard, and I am proud of you.

I am still worried about the nights when Mum is not well. You told me you feel scared when the house is \
quiet. We made a plan so you know who to ring. Your Nan, Rose, will come over if Mum is poorly.

I will come again on Monday 14 April. If you want to talk before then, ask Mum to call me.

Love from
Jo Baker
Your social worker
"""

GOOD_LETTER_QUOTES = ["This is my house and that is my cat Biscuit."]

JARGON_LETTER = """Visit to Amira on 04/03/2025 following CIN meeting.

The child was seen at home. Amira presented as withdrawn and she did not engage with direct work. Mum is \
clearly struggling and is manipulative with professionals. The LAC review and the PEP were discussed and \
the IRO will liaise with the SENCO and CAMHS regarding concerns about placement stability, respite and \
contact arrangements with birth parents, and the DSL raised safeguarding concerns about the child's \
attendance which has been poor since 2025-01-06.

Amira said "I dont like going to contact" and her brother was naughty. Kevin attended. The XYZ panel will \
review the case. The FGC is on 12.3.25.

J Baker SW
"""

JARGON_LETTER_QUOTES = ["I don't like going to contact"]
