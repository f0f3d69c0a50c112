/** The recording fake of Excel lives with the bench, which measures the add-in with it too. */
export * from '../../bench/fake-excel-host';
