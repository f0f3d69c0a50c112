/**
 * The region's default thresholds as the sample region is planted against them: planted schools
 * cross them, every other school stays at least 20 % of the threshold away on the safe side.
 */
export const THRESHOLDS = {
  lowResults: {
    /** ВПР share of «2» of planted schools, every grade 4–8, Russian and mathematics, both years. */
    plantedShare2: [27, 45] as const,
    cleanShare2Max: 18,
    diagnosticFailShare: 25,
    omskBelowMinShare: 30,
    hseWiderShare: 60,
  },
  social: {
    difficultShare: 20,
    nonNativeShare: 20,
    ovzShare: 10,
    cleanDifficultMax: 12,
    cleanNonNativeMax: 12,
    cleanOvzMax: 7,
  },
  risk: {
    computersPer100: 5,
    equippedClassrooms: 30,
    internetSpeed: 10,
    vacancyRate: 10,
    partTimeShare: 25,
    diagnosticsPassedShare: 40,
    noSubjectEducationShare: 20,
    differentiatedLessons: 20,
    pdShare: 50,
    nonNativeShare: 15,
    climateIndex: 5,
    bullyingCases: 5,
    learningRisk: 25,
    parentMeetingsAttendance: 40,
    parentsSatisfied: 50,
    lowMotivation: 40,
    disciplineProblems: 30,
    ovzShare: 15,
  },
  objectivity: {
    vprAboveRegion: 25,
    taskHighAbove: 10,
    taskBasicBelow: 5,
    loweredShare: 40,
    cleanLoweredMax: 25,
    raisedShare: 20,
    cleanRaisedMax: 12,
    qualityJump: 30,
    cleanQualityChangeMax: 15,
    medallistScore: 70,
    cleanMedallistMin: 72,
  },
} as const;

/** Share of the threshold a clean school keeps away from it. */
export const CLEAN_MARGIN = 0.2;
